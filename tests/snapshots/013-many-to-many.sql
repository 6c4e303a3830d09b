CREATE TABLE "post" (
	"id" INTEGER NOT NULL, 
	"title" TEXT, 
	PRIMARY KEY ("id")
);
CREATE TABLE "tag" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id"), 
	UNIQUE ("name")
);
CREATE TABLE "tags" (
	"tag_id" INTEGER NOT NULL, 
	"post_id" INTEGER NOT NULL, 
	PRIMARY KEY ("tag_id", "post_id"), 
	FOREIGN KEY("tag_id") REFERENCES "tag" ("id"), 
	FOREIGN KEY("post_id") REFERENCES "post" ("id")
);
