CREATE TABLE "author" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id")
);
CREATE TABLE "book" (
	"id" INTEGER NOT NULL, 
	"title" TEXT, 
	"author_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("author_id") REFERENCES "author" ("id")
);
-- configuration error: sqlalchemy.exc.ArgumentError: Error creating backref 'author' on relationship 'Author.books': property of that name exists on mapper 'Mapper[Book(book)]'
