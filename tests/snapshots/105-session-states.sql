CREATE TABLE "note" (
	"id" INTEGER NOT NULL, 
	"text" TEXT NOT NULL, 
	"pinned" BOOLEAN, 
	PRIMARY KEY ("id")
);
