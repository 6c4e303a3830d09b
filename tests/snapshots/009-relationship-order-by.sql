CREATE TABLE "album" (
	"id" INTEGER NOT NULL, 
	"title" TEXT, 
	PRIMARY KEY ("id")
);
CREATE TABLE "song" (
	"id" INTEGER NOT NULL, 
	"title" TEXT, 
	"album_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("album_id") REFERENCES "album" ("id")
);
