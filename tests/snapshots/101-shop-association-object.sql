CREATE TABLE "customer" (
	"id" INTEGER NOT NULL, 
	"name" TEXT NOT NULL, 
	PRIMARY KEY ("id")
);
CREATE TABLE "product" (
	"id" INTEGER NOT NULL, 
	"sku" TEXT NOT NULL, 
	"price" FLOAT NOT NULL, 
	PRIMARY KEY ("id"), 
	UNIQUE ("sku")
);
CREATE TABLE "orders" (
	"id" INTEGER NOT NULL, 
	"customer_id" INTEGER NOT NULL, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("customer_id") REFERENCES "customer" ("id")
);
CREATE TABLE "order_items" (
	"order_id" INTEGER NOT NULL, 
	"product_id" INTEGER NOT NULL, 
	"quantity" INTEGER NOT NULL, 
	PRIMARY KEY ("order_id", "product_id"), 
	FOREIGN KEY("order_id") REFERENCES "orders" ("id"), 
	FOREIGN KEY("product_id") REFERENCES "product" ("id")
);
