CREATE TABLE "person" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id")
);
CREATE TABLE "passport" (
	"id" INTEGER NOT NULL, 
	"number" TEXT NOT NULL, 
	"holder_id" INTEGER, 
	PRIMARY KEY ("id"), 
	UNIQUE ("number"), 
	UNIQUE ("holder_id"), 
	FOREIGN KEY("holder_id") REFERENCES "person" ("id")
);
