CREATE TABLE "user" (
	"id" INTEGER NOT NULL, 
	"username" TEXT, 
	PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ix_user_username" ON "user" ("username");
CREATE TABLE "followers" (
	"follower_id" INTEGER, 
	"followed_id" INTEGER, 
	FOREIGN KEY("follower_id") REFERENCES "user" ("id"), 
	FOREIGN KEY("followed_id") REFERENCES "user" ("id")
);
