CREATE TABLE "user" (
	"id" INTEGER NOT NULL, 
	"username" TEXT, 
	PRIMARY KEY ("id"), 
	UNIQUE ("username")
);
CREATE TABLE "profile" (
	"id" INTEGER NOT NULL, 
	"bio" TEXT, 
	"user_id" INTEGER, 
	PRIMARY KEY ("id"), 
	UNIQUE ("user_id"), 
	FOREIGN KEY("user_id") REFERENCES "user" ("id")
);
