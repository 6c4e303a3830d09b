CREATE TABLE "shelf" (
	"id" INTEGER NOT NULL, 
	"label" TEXT, 
	PRIMARY KEY ("id")
);
CREATE TABLE "book" (
	"id" INTEGER NOT NULL, 
	"title" TEXT, 
	"shelf_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("shelf_id") REFERENCES "shelf" ("id")
);
