CREATE TABLE "users" (
	"id" INTEGER NOT NULL, 
	"name" TEXT NOT NULL, 
	PRIMARY KEY ("id"), 
	UNIQUE ("name")
);
CREATE TABLE "tags" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id"), 
	UNIQUE ("name")
);
CREATE TABLE "posts" (
	"id" INTEGER NOT NULL, 
	"title" TEXT NOT NULL, 
	"published" BOOLEAN, 
	"author_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("author_id") REFERENCES "users" ("id")
);
CREATE TABLE "post_tags" (
	"post_id" INTEGER, 
	"tag_id" INTEGER, 
	FOREIGN KEY("post_id") REFERENCES "posts" ("id"), 
	FOREIGN KEY("tag_id") REFERENCES "tags" ("id")
);
CREATE TABLE "comments" (
	"id" INTEGER NOT NULL, 
	"body" TEXT, 
	"post_id" INTEGER, 
	"author_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("post_id") REFERENCES "posts" ("id"), 
	FOREIGN KEY("author_id") REFERENCES "users" ("id")
);
