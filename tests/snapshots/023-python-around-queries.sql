CREATE TABLE "city" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	"population" INTEGER, 
	PRIMARY KEY ("id")
);
