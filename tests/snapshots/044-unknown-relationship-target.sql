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
-- configuration error: sqlalchemy.exc.InvalidRequestError: When initializing mapper Mapper[Team(team)], expression 'Players' failed to locate a name ('Players'). If this is a class name, consider adding this relationship() to the <class 'models.Team'> class after both dependent classes have been defined.
