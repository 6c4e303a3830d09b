CREATE TABLE "posts" (
	"id" INTEGER NOT NULL, 
	"title" TEXT NOT NULL, 
	"views" INTEGER, 
	PRIMARY KEY ("id")
);
