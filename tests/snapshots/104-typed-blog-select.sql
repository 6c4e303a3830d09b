CREATE TABLE "writers" (
	"id" INTEGER NOT NULL, 
	"handle" TEXT NOT NULL, 
	"bio" TEXT, 
	PRIMARY KEY ("id"), 
	UNIQUE ("handle")
);
CREATE TABLE "articles" (
	"id" INTEGER NOT NULL, 
	"title" TEXT NOT NULL, 
	"views" INTEGER NOT NULL, 
	"published" TIMESTAMP, 
	"writer_id" INTEGER NOT NULL, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("writer_id") REFERENCES "writers" ("id")
);
