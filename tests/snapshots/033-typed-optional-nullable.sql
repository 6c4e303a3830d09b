CREATE TABLE "customer" (
	"id" INTEGER NOT NULL, 
	"email" TEXT NOT NULL, 
	"nickname" TEXT, 
	"phone" TEXT, 
	"points" INTEGER NOT NULL, 
	"vip" BOOLEAN NOT NULL, 
	"joined" TIMESTAMP NOT NULL, 
	PRIMARY KEY ("id"), 
	UNIQUE ("email")
);
CREATE TABLE "order" (
	"id" INTEGER NOT NULL, 
	"total" FLOAT NOT NULL, 
	"note" TEXT, 
	"customer_id" INTEGER NOT NULL, 
	PRIMARY KEY ("id"), 
	FOREIGN KEY("customer_id") REFERENCES "customer" ("id")
);
