CREATE TABLE "product" (
	"id" INTEGER NOT NULL, 
	"name" TEXT NOT NULL, 
	"price" DECIMAL, 
	"weight" DECIMAL, 
	"status" TEXT, 
	PRIMARY KEY ("id")
);
