CREATE TABLE "book" (
	"id" INTEGER NOT NULL, 
	"title" TEXT NOT NULL, 
	"isbn" TEXT NOT NULL, 
	PRIMARY KEY ("id"), 
	UNIQUE ("isbn")
);
