CREATE TABLE "author" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id")
);
CREATE TABLE "post" (
	"id" INTEGER NOT NULL, 
	"title" TEXT, 
	"words" INTEGER, 
	"author_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("author_id") REFERENCES "author" ("id")
);
