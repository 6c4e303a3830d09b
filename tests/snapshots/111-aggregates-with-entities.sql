CREATE TABLE "team" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id"), 
	UNIQUE ("name")
);
CREATE TABLE "player" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	"goals" INTEGER, 
	"team_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("team_id") REFERENCES "team" ("id")
);
