CREATE TABLE "order" (
	"id" INTEGER NOT NULL, 
	"customer" TEXT, 
	PRIMARY KEY ("id")
);
CREATE TABLE "order_line" (
	"id" INTEGER NOT NULL, 
	"product" TEXT, 
	"qty" INTEGER, 
	"order_id" INTEGER NOT NULL, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("order_id") REFERENCES "order" ("id")
);
