CREATE TABLE "product" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	"price" INTEGER, 
	"category" TEXT, 
	PRIMARY KEY ("id"), 
	UNIQUE ("name")
);
