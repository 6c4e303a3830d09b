CREATE TABLE "forum" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id")
);
CREATE TABLE "thread" (
	"id" INTEGER NOT NULL, 
	"subject" TEXT, 
	"score" INTEGER, 
	"forum_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("forum_id") REFERENCES "forum" ("id")
);
