CREATE TABLE "city" (
	"id" INTEGER NOT NULL, 
	"name" TEXT, 
	PRIMARY KEY ("id"), 
	UNIQUE ("name")
);
CREATE TABLE "flight" (
	"id" INTEGER NOT NULL, 
	"code" TEXT, 
	"origin_id" INTEGER NOT NULL, 
	"destination_id" INTEGER NOT NULL, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("origin_id") REFERENCES "city" ("id"), 
	FOREIGN KEY("destination_id") REFERENCES "city" ("id")
);
