CREATE TABLE "blog_post" (
	"id" INTEGER NOT NULL, 
	"title" TEXT, 
	PRIMARY KEY ("id")
);
CREATE TABLE "http_request_log" (
	"id" INTEGER NOT NULL, 
	"path" TEXT, 
	PRIMARY KEY ("id")
);
CREATE TABLE "user" (
	"id" INTEGER NOT NULL, 
	PRIMARY KEY ("id")
);
CREATE TABLE "o_auth2_token" (
	"id" INTEGER NOT NULL, 
	PRIMARY KEY ("id")
);
CREATE TABLE "comment" (
	"id" INTEGER NOT NULL, 
	"blog_post_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("blog_post_id") REFERENCES "blog_post" ("id")
);
