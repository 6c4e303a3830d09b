CREATE TABLE "user" (
	"id" INTEGER NOT NULL, 
	"username" TEXT, 
	"email" TEXT, 
	PRIMARY KEY ("id"), 
	UNIQUE ("username")
);
CREATE TABLE "post" (
	"id" INTEGER NOT NULL, 
	"title" TEXT, 
	"user_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("user_id") REFERENCES "user" ("id")
);
