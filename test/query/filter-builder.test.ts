/**
 * The filter builder (runtime/client/query-filter.ts, as the generated package ships it) writes
 * what vCD reads, by the guide's own examples: the operators of "Query Filter Expressions",
 * grouping with parentheses ("Grouping Filter Subexpressions"), the backslash escaping of
 * `( ) , ; \` ("Query Parameters", VCD 10.6: `filter=name==VM\,1` searches for `VM,1`), dates
 * (`2012-05-01T00:00:00.000-04:00` in the guide's metadata example, here in UTC), and metadata
 * conditions (`metadata:key==STRING:value`, `metadata@SYSTEM:expiry=lt=DATETIME:...`).
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  loadQueryPackage,
  type QueryPackage,
} from "../helpers/query-package.js";

let w: QueryPackage["where"];
beforeAll(async () => {
  w = (await loadQueryPackage()).where;
});

describe("conditions", () => {
  it("every operator", () => {
    expect(w.eq("name", "web*").text).toBe("name==web*");
    expect(w.ne("status", "POWERED_ON").text).toBe("status!=POWERED_ON");
    expect(w.lt("numberOfVMs", 3).text).toBe("numberOfVMs=lt=3");
    expect(w.le("numberOfVMs", 3).text).toBe("numberOfVMs=le=3");
    expect(w.gt("numberOfVMs", 0).text).toBe("numberOfVMs=gt=0");
    expect(w.ge("numberOfVMs", 0).text).toBe("numberOfVMs=ge=0");
    expect(w.eq("isPrimary", true).text).toBe("isPrimary==true");
    expect(w.eq("name", "VM,1").fields).toEqual(["name"]);
  });

  it("escapes ( ) , ; and \\ in a value with a backslash, as the guide's VM\\,1", () => {
    expect(w.eq("name", "VM,1").text).toBe("name==VM\\,1");
    expect(w.eq("name", "a;b(c)d\\e").text).toBe("name==a\\;b\\(c\\)d\\\\e");
    // `=` ends no value, and `*` stays a wildcard.
    expect(w.eq("name", "x=y*").text).toBe("name==x=y*");
  });

  it("a date as ISO 8601 with milliseconds and a numeric offset", () => {
    const date = new Date(Date.UTC(2012, 4, 1, 4, 0, 0));
    expect(w.lt("startDate", date).text).toBe(
      "startDate=lt=2012-05-01T04:00:00.000+00:00",
    );
    expect(() => w.lt("startDate", new Date(Number.NaN))).toThrow(RangeError);
  });

  it("refuses what is no attribute name, and numbers that are no numbers", () => {
    expect(() => w.eq("name==x;y", "z")).toThrow(/not an attribute name/);
    expect(() => w.gt("numberOfVMs", Number.POSITIVE_INFINITY)).toThrow(
      RangeError,
    );
  });
});

describe("joining", () => {
  it("and is ;, or is , and an or under an and is grouped (the guide's (a;b);(c;d) shapes)", () => {
    const a = w.ne("numberOfVMs", 0).and(w.eq("isPrimary", true));
    expect(a.text).toBe("numberOfVMs!=0;isPrimary==true");
    const either = w.eq("name", "a").or(w.eq("name", "b"));
    expect(either.text).toBe("name==a,name==b");
    expect(either.and(w.eq("status", "RESOLVED")).text).toBe(
      "(name==a,name==b);status==RESOLVED",
    );
    expect(w.eq("status", "RESOLVED").and(either).text).toBe(
      "status==RESOLVED;(name==a,name==b)",
    );
    // An and under an or needs no parentheses: ; binds tighter.
    expect(a.or(w.eq("name", "c")).text).toBe(
      "numberOfVMs!=0;isPrimary==true,name==c",
    );
    expect(either.and(a).fields).toEqual([
      "name",
      "name",
      "numberOfVMs",
      "isPrimary",
    ]);
  });

  it("all and any join many; a raw filter is grouped under an and", () => {
    expect(w.all(w.eq("a", 1), w.eq("b", 2), w.eq("c", 3)).text).toBe(
      "a==1;b==2;c==3",
    );
    expect(w.any(w.eq("a", 1), w.eq("b", 2)).text).toBe("a==1,b==2");
    expect(() => w.all()).toThrow(RangeError);
    expect(w.raw("x==1,y==2").and(w.eq("z", 3)).text).toBe("(x==1,y==2);z==3");
    expect(w.raw("x==1").fields).toEqual([]);
  });
});

describe("metadata conditions", () => {
  it("typed by the value: STRING, NUMBER, BOOLEAN, DATETIME", () => {
    expect(w.metadata("rank").eq("gold").text).toBe(
      "metadata:rank==STRING:gold",
    );
    expect(w.metadata("rank").ge(5).text).toBe("metadata:rank=ge=NUMBER:5");
    expect(w.metadata("ok").eq(true).text).toBe("metadata:ok==BOOLEAN:true");
    expect(
      w
        .metadata("expiry", { system: true })
        .lt(new Date(Date.UTC(2012, 4, 1, 4))).text,
    ).toBe("metadata@SYSTEM:expiry=lt=DATETIME:2012-05-01T04:00:00.000+00:00");
  });

  it("escape their key and text, and name no attribute", () => {
    const m = w.metadata("a,b").eq("c;d");
    expect(m.text).toBe("metadata:a\\,b==STRING:c\\;d");
    expect(m.fields).toEqual([]);
    expect(() => w.metadata("")).toThrow(RangeError);
  });
});
