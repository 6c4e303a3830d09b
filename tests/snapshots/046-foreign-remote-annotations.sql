CREATE TABLE "user" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id")
);
CREATE TABLE "post" (
	"id" INTEGER NOT NULL, 
	"author_id" INTEGER, 
	"parent_id" INTEGER, 
	"title" TEXT, 
	PRIMARY KEY ("id")
);
