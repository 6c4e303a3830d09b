CREATE TABLE "comment" (
	"id" INTEGER NOT NULL, 
	"text" TEXT, 
	"score" INTEGER, 
	PRIMARY KEY ("id")
);
