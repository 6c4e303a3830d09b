CREATE TABLE "tag" (
	"id" INTEGER NOT NULL, 
	"word" TEXT NOT NULL, 
	PRIMARY KEY ("id"), 
	UNIQUE ("word")
);
