CREATE TABLE "department" (
	"id" INTEGER NOT NULL, 
	"name" TEXT NOT NULL, 
	PRIMARY KEY ("id"), 
	UNIQUE ("name")
);
CREATE TABLE "employee" (
	"id" INTEGER NOT NULL, 
	"name" TEXT NOT NULL, 
	"title" TEXT, 
	"salary" INTEGER, 
	"department_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("department_id") REFERENCES "department" ("id")
);
