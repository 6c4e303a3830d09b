CREATE TABLE "team" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id")
);
CREATE TABLE "player" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	"team_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("team_id") REFERENCES "team" ("id")
);
