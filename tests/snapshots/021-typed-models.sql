CREATE TABLE "user" (
	"id" INTEGER NOT NULL, 
	"username" TEXT NOT NULL, 
	"about" TEXT, 
	PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ix_user_username" ON "user" ("username");
CREATE TABLE "post" (
	"id" INTEGER NOT NULL, 
	"body" TEXT NOT NULL, 
	"user_id" INTEGER NOT NULL, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("user_id") REFERENCES "user" ("id")
);
CREATE INDEX "ix_post_user_id" ON "post" ("user_id");
