CREATE TABLE "film" (
	"id" INTEGER NOT NULL, 
	"title" TEXT NOT NULL, 
	"year" INTEGER, 
	"rating" FLOAT, 
	"genre" TEXT, 
	PRIMARY KEY ("id")
);
