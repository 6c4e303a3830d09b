CREATE TABLE "deck" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id")
);
CREATE TABLE "card" (
	"id" INTEGER NOT NULL, 
	"face" TEXT, 
	"deck_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("deck_id") REFERENCES "deck" ("id")
);
