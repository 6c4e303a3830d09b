CREATE TABLE "person" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id")
);
CREATE TABLE "tag" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id"), 
	UNIQUE ("name")
);
CREATE TABLE "message" (
	"id" INTEGER NOT NULL, 
	"sender_id" INTEGER, 
	"recipient_id" INTEGER, 
	"priority" INTEGER, 
	"text" TEXT, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("sender_id") REFERENCES "person" ("id"), 
	FOREIGN KEY("recipient_id") REFERENCES "person" ("id")
);
CREATE TABLE "post" (
	"id" INTEGER NOT NULL, 
	"title" TEXT, 
	"person_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("person_id") REFERENCES "person" ("id")
);
CREATE TABLE "post_tags" (
	"post_id" INTEGER NOT NULL, 
	"tag_id" INTEGER NOT NULL, 
	PRIMARY KEY ("post_id", "tag_id"), 
	FOREIGN KEY("post_id") REFERENCES "post" ("id"), 
	FOREIGN KEY("tag_id") REFERENCES "tag" ("id")
);
