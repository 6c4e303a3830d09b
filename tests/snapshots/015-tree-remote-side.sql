CREATE TABLE "category" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	"parent_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("parent_id") REFERENCES "category" ("id")
);
