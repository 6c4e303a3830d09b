CREATE TABLE "account" (
	"id" INTEGER NOT NULL, 
	"owner" TEXT NOT NULL, 
	"balance" INTEGER, 
	PRIMARY KEY ("id"), 
	UNIQUE ("owner")
);
