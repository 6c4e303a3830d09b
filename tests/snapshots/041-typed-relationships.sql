CREATE TABLE "writer" (
	"id" INTEGER NOT NULL, 
	"name" TEXT NOT NULL, 
	"bio" TEXT, 
	"rating" FLOAT NOT NULL, 
	PRIMARY KEY ("id"), 
	UNIQUE ("name")
);
CREATE TABLE "article" (
	"id" INTEGER NOT NULL, 
	"title" TEXT NOT NULL, 
	"author_id" INTEGER NOT NULL, 
	"editor_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("author_id") REFERENCES "writer" ("id"), 
	FOREIGN KEY("editor_id") REFERENCES "writer" ("id")
);
CREATE TABLE "draft" (
	"id" INTEGER NOT NULL, 
	"writer_id" INTEGER, 
	"body" TEXT NOT NULL, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("writer_id") REFERENCES "writer" ("id")
);
