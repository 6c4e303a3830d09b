CREATE TABLE "employees" (
	"id" INTEGER NOT NULL, 
	"name" TEXT NOT NULL, 
	"manager_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("manager_id") REFERENCES "employees" ("id")
);
