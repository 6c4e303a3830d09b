CREATE TABLE "item" (
	"id" INTEGER NOT NULL, 
	"qty" INTEGER, 
	"label" TEXT, 
	"price" DECIMAL, 
	"rate" FLOAT, 
	PRIMARY KEY ("id")
);
