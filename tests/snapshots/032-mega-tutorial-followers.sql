CREATE TABLE "user" (
	"id" INTEGER NOT NULL, 
	"username" TEXT NOT NULL, 
	"email" TEXT NOT NULL, 
	"about_me" TEXT, 
	"last_seen" TIMESTAMP, 
	PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "ix_user_username" ON "user" ("username");
CREATE UNIQUE INDEX "ix_user_email" ON "user" ("email");
CREATE TABLE "followers" (
	"follower_id" INTEGER NOT NULL, 
	"followed_id" INTEGER NOT NULL, 
	PRIMARY KEY ("follower_id", "followed_id"), 
	FOREIGN KEY("follower_id") REFERENCES "user" ("id"), 
	FOREIGN KEY("followed_id") REFERENCES "user" ("id")
);
CREATE TABLE "post" (
	"id" INTEGER NOT NULL, 
	"body" TEXT NOT NULL, 
	"timestamp" TIMESTAMP NOT NULL, 
	"user_id" INTEGER NOT NULL, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("user_id") REFERENCES "user" ("id")
);
CREATE INDEX "ix_post_timestamp" ON "post" ("timestamp");
CREATE INDEX "ix_post_user_id" ON "post" ("user_id");
