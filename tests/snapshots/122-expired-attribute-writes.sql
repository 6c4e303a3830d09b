CREATE TABLE "user" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	"touched" INTEGER, 
	PRIMARY KEY ("id")
);
