CREATE TABLE "user" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id")
);
CREATE TABLE "message" (
	"id" INTEGER NOT NULL, 
	"sender_id" INTEGER, 
	"recipient_id" INTEGER, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("sender_id") REFERENCES "user" ("id"), 
	FOREIGN KEY("recipient_id") REFERENCES "user" ("id")
);
-- configuration error: sqlalchemy.exc.AmbiguousForeignKeysError: Could not determine join condition between parent/child tables on relationship Message.sender - there are multiple foreign key paths linking the tables.  Specify the 'foreign_keys' argument, providing a list of those columns which should be counted as containing a foreign key reference to the parent table.
