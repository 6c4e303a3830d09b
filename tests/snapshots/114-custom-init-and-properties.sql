CREATE TABLE "subscription" (
	"id" INTEGER NOT NULL, 
	"email" TEXT NOT NULL, 
	"plan" TEXT NOT NULL, 
	"starts" DATE NOT NULL, 
	"days" INTEGER, 
	PRIMARY KEY ("id"), 
	UNIQUE ("email")
);
