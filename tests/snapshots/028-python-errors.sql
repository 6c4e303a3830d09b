CREATE TABLE "roles" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id"), 
	UNIQUE ("name")
);
