CREATE TABLE "events" (
	"id" INTEGER NOT NULL, 
	"title" TEXT NOT NULL, 
	"body" TEXT, 
	"public" BOOLEAN, 
	"starts_at" TIMESTAMP, 
	"day" DATE, 
	"price" FLOAT, 
	"seats" INTEGER, 
	PRIMARY KEY ("id")
);
