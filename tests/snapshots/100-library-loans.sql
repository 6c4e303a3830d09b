CREATE TABLE "author" (
	"id" INTEGER NOT NULL, 
	"name" TEXT NOT NULL, 
	PRIMARY KEY ("id")
);
CREATE TABLE "member" (
	"id" INTEGER NOT NULL, 
	"email" TEXT NOT NULL, 
	PRIMARY KEY ("id"), 
	UNIQUE ("email")
);
CREATE TABLE "book" (
	"id" INTEGER NOT NULL, 
	"title" TEXT NOT NULL, 
	"year" INTEGER, 
	"author_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("author_id") REFERENCES "author" ("id")
);
CREATE TABLE "loan" (
	"id" INTEGER NOT NULL, 
	"book_id" INTEGER NOT NULL, 
	"member_id" INTEGER NOT NULL, 
	"returned" BOOLEAN, 
	"loaned_on" DATE, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("book_id") REFERENCES "book" ("id"), 
	FOREIGN KEY("member_id") REFERENCES "member" ("id")
);
