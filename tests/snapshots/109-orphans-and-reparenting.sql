CREATE TABLE "playlist" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id")
);
CREATE TABLE "track" (
	"id" INTEGER NOT NULL, 
	"title" TEXT, 
	"position" INTEGER, 
	"playlist_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("playlist_id") REFERENCES "playlist" ("id")
);
