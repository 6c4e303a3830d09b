CREATE TABLE "tasks" (
	"id" INTEGER NOT NULL, 
	"title" TEXT NOT NULL, 
	"done" BOOLEAN NOT NULL, 
	"priority" INTEGER DEFAULT 3, 
	"status" TEXT DEFAULT 'open', 
	"created" TIMESTAMP, 
	"due" DATE, 
	"updated" TIMESTAMP, 
	PRIMARY KEY ("id")
);
