/**
 * Routing keys: the guide's form (Programming Guide 1.5 page 220 / 5.5 chapter 10, "Routing key":
 * `operationSuccess.entity.org.user.subType1...subTypeN.[taskName]`, the example
 * `true.dc6a-xxx.0b8a-xxx.832c-xxx.com.vmware.vcloud.event.vapp.create`), parsed and built (a
 * fast-check round trip), and binding patterns, matched here by a topic matcher written from
 * RabbitMQ's rules (`*` one word, `#` zero or more); test/amqp/subscriber.test.ts proves the same
 * patterns against the real broker.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bindingPattern,
  buildRoutingKey,
  NOTIFICATION_TYPES,
  parseRoutingKey,
  uuidOfUrn,
  VcdAmqpError,
  type RoutingKey,
} from "../../runtime/amqp/index.js";

/** A topic exchange's match: words split at `.`; `*` is one word, `#` zero or more. */
function topicMatches(pattern: string, key: string): boolean {
  const p = pattern.split(".");
  const k = key.split(".");
  const at = (i: number, j: number): boolean => {
    if (i === p.length) return j === k.length;
    if (p[i] === "#") {
      for (let skip = j; skip <= k.length; skip++)
        if (at(i + 1, skip)) return true;
      return false;
    }
    if (j === k.length) return false;
    return (p[i] === "*" || p[i] === k[j]) && at(i + 1, j + 1);
  };
  return at(0, 0);
}

const ORG = "0b8a-aaaa";
const OTHER_ORG = "77ff-bbbb";

describe("parseRoutingKey / buildRoutingKey", () => {
  it("reads the guide's example key", () => {
    expect(
      parseRoutingKey(
        "true.dc6a-xxx.0b8a-xxx.832c-xxx.com.vmware.vcloud.event.vapp.create",
      ),
    ).toEqual({
      operationSuccess: true,
      entityUUID: "dc6a-xxx",
      orgUUID: "0b8a-xxx",
      userUUID: "832c-xxx",
      type: "com/vmware/vcloud/event/vapp/create",
    });
  });

  it("a blocking task's key carries the task name after the type", () => {
    const key =
      "false.25.70.44.com.vmware.vcloud.event.blockingtask.create.vdcComposeVapp";
    const parts = parseRoutingKey(key);
    expect(parts).toMatchObject({
      operationSuccess: false,
      type: "com/vmware/vcloud/event/blockingtask/create",
      taskName: "vdcComposeVapp",
    });
    expect(buildRoutingKey(parts)).toBe(key);
  });

  it.each([
    [
      "too short",
      "true.1.2.3.com.vmware.vcloud.event.vapp",
      /is not <operationSuccess>/,
    ],
    [
      "no event prefix",
      "true.1.2.3.org.vmware.vcloud.event.vapp.create",
      /is not <operationSuccess>/,
    ],
    [
      "a fifth word before the prefix",
      "true.1.2.3.4.com.vmware.vcloud.event.vapp.create",
      /is not <operationSuccess>/,
    ],
    [
      "success not a boolean",
      "yes.1.2.3.com.vmware.vcloud.event.vapp.create",
      /first word "yes" is not true or false/,
    ],
    [
      "an empty org",
      "true.1..3.com.vmware.vcloud.event.vapp.create",
      /its org word is empty/,
    ],
  ])("%s: refused with a bad-routing-key error", (_, key, message) => {
    let error: unknown;
    try {
      parseRoutingKey(key);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(VcdAmqpError);
    expect((error as VcdAmqpError).kind).toBe("bad-routing-key");
    expect((error as VcdAmqpError).message).toMatch(message);
  });

  it("build refuses a part that is not one word, and a type outside com/vmware/vcloud/event/", () => {
    const parts: RoutingKey = {
      operationSuccess: true,
      entityUUID: "1",
      orgUUID: "2",
      userUUID: "3",
      type: "com/vmware/vcloud/event/vapp/create",
    };
    expect(() => buildRoutingKey({ ...parts, orgUUID: "a.b" })).toThrow(
      /the org "a\.b" is not one word/,
    );
    expect(() =>
      buildRoutingKey({ ...parts, type: "acme/vapp/create" }),
    ).toThrow(/does not start with com\/vmware\/vcloud\/event\//);
  });

  it("a type of three words is the type, not a type and a task name; a task name only follows task types", () => {
    const key = "true.7.70.44.com.vmware.vcloud.event.group.privilege.modify";
    expect(parseRoutingKey(key)).toMatchObject({
      type: "com/vmware/vcloud/event/group/privilege/modify",
    });
    expect(parseRoutingKey(key).taskName).toBeUndefined();
    expect(() =>
      buildRoutingKey({
        operationSuccess: true,
        entityUUID: "1",
        orgUUID: "2",
        userUUID: "3",
        type: "com/vmware/vcloud/event/vapp/create",
        taskName: "vdcInstantiateVapp",
      }),
    ).toThrow(
      /a task name \("vdcInstantiateVapp"\) follows only a task or blockingtask type/,
    );
    expect(() =>
      parseRoutingKey("true.1.2.3.com.vmware.vcloud.event.task.create.a.b"),
    ).toThrow(/more than one task name word/);
  });

  it("round trip: parse(build(parts)) is parts, for every listed type, with a task name for task types", () => {
    const word = fc.stringMatching(/^[0-9a-zA-Z_-]{1,36}$/);
    const isTask = (type: string) =>
      /\/event\/(task|blockingtask)\//.test(type);
    const parts = fc
      .record({
        operationSuccess: fc.boolean(),
        entityUUID: fc.uuid(),
        orgUUID: fc.uuid(),
        userUUID: word,
        type: fc.constantFrom(...NOTIFICATION_TYPES),
        taskName: fc.option(word, { nil: undefined }),
      })
      .map(({ taskName, ...rest }): RoutingKey =>
        taskName !== undefined && isTask(rest.type)
          ? { ...rest, taskName }
          : rest,
      );
    fc.assert(
      fc.property(parts, (parts) => {
        const key = buildRoutingKey(parts);
        expect(parseRoutingKey(key)).toEqual(parts);
        expect(buildRoutingKey(parseRoutingKey(key))).toBe(key);
        // A binding of exactly these parts selects the key; every-event's too.
        expect(
          topicMatches(
            bindingPattern({ ...parts, taskName: parts.taskName ?? null }),
            key,
          ),
        ).toBe(true);
        expect(topicMatches(bindingPattern(), key)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("bindingPattern", () => {
  it("every vapp/create of one org", () => {
    const pattern = bindingPattern({
      orgUUID: ORG,
      type: "com/vmware/vcloud/event/vapp/create",
    });
    expect(pattern).toBe(`*.*.${ORG}.*.com.vmware.vcloud.event.vapp.create.#`);
    const key = (org: string, type: string, success = true) =>
      buildRoutingKey({
        operationSuccess: success,
        entityUUID: "e1",
        orgUUID: org,
        userUUID: "u1",
        type,
      });
    expect(
      topicMatches(pattern, key(ORG, "com/vmware/vcloud/event/vapp/create")),
    ).toBe(true);
    expect(
      topicMatches(
        pattern,
        key(ORG, "com/vmware/vcloud/event/vapp/create", false),
      ),
    ).toBe(true);
    expect(
      topicMatches(
        pattern,
        key(OTHER_ORG, "com/vmware/vcloud/event/vapp/create"),
      ),
    ).toBe(false);
    expect(
      topicMatches(pattern, key(ORG, "com/vmware/vcloud/event/vapp/delete")),
    ).toBe(false);
    expect(
      topicMatches(pattern, key(ORG, "com/vmware/vcloud/event/vm/create")),
    ).toBe(false);
  });

  it("every event: one word per part, any type and any task name", () => {
    const pattern = bindingPattern();
    expect(pattern).toBe("*.*.*.*.com.vmware.vcloud.event.#");
    expect(
      topicMatches(
        pattern,
        "true.1.2.3.com.vmware.vcloud.event.group.privilege.modify",
      ),
    ).toBe(true);
    expect(
      topicMatches(pattern, "true.1.2.3.com.vmware.vcloud.event.session.login"),
    ).toBe(true);
    expect(
      topicMatches(
        pattern,
        "true.1.2.3.com.vmware.vcloud.event.blockingtask.create.vappDeploy",
      ),
    ).toBe(true);
  });

  it("a type with a * word, successes only, a task name or none", () => {
    const vapp = bindingPattern({
      operationSuccess: true,
      type: "com/vmware/vcloud/event/vapp/*",
    });
    expect(vapp).toBe("true.*.*.*.com.vmware.vcloud.event.vapp.*.#");
    expect(
      topicMatches(vapp, "true.1.2.3.com.vmware.vcloud.event.vapp.delete"),
    ).toBe(true);
    expect(
      topicMatches(vapp, "false.1.2.3.com.vmware.vcloud.event.vapp.delete"),
    ).toBe(false);
    const deploys = bindingPattern({
      type: "com/vmware/vcloud/event/blockingtask/create",
      taskName: "vappDeploy",
    });
    expect(
      topicMatches(
        deploys,
        "true.1.2.3.com.vmware.vcloud.event.blockingtask.create.vappDeploy",
      ),
    ).toBe(true);
    expect(
      topicMatches(
        deploys,
        "true.1.2.3.com.vmware.vcloud.event.blockingtask.create.vdcComposeVapp",
      ),
    ).toBe(false);
    const none = bindingPattern({
      type: "com/vmware/vcloud/event/task/create",
      taskName: null,
    });
    expect(
      topicMatches(none, "true.1.2.3.com.vmware.vcloud.event.task.create"),
    ).toBe(true);
    expect(
      topicMatches(
        none,
        "true.1.2.3.com.vmware.vcloud.event.task.create.vappDeploy",
      ),
    ).toBe(false);
  });

  it("the topic matcher of this test is not trivially true", () => {
    expect(topicMatches("a.*.c", "a.b.c")).toBe(true);
    expect(topicMatches("a.*.c", "a.b.b.c")).toBe(false);
    expect(topicMatches("a.#.c", "a.c")).toBe(true);
    expect(topicMatches("a.#", "b")).toBe(false);
  });

  it("uuidOfUrn gives the last part of a URN, as keys carry it", () => {
    expect(uuidOfUrn("urn:vcloud:org:0b8a-aaaa")).toBe("0b8a-aaaa");
    expect(uuidOfUrn("0b8a-aaaa")).toBe("0b8a-aaaa");
  });
});
