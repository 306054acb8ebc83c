/**
 * Messages as the vCloud API Programming Guide 5.5 prints them (chapter 10, "Example: Notification
 * Message Format", pages 313-314; the JSON form is also in ../shared/seeds/003_*.txt): what the tests
 * publish with amqplib directly, never what our own code wrote.
 */

/** The guide's XML example (page 313), as it prints it. */
export const GUIDE_XML = `<vmext:Notification
xmlns:vmext="http://www.vmware.com/vcloud/extension/v1.5"
type="com/vmware/vcloud/event/blockingtask/create"
eventId="a1440dd8-60ae-46c7-b216-44693bc00c90">
<vmext:Link
rel="entityResolver"
href="https://vcloud.example.com/api/entity/" />
<vmext:EntityLink
rel="entity"
type="vcloud:blockingTask"
name="vdcComposeVapp"
id="urn:vcloud:blockingTask:25" />
<vmext:EntityLink
rel="down"
type="vcloud:user"
name="vcloud"
id="urn:vcloud:user:44" />
<vmext:EntityLink
rel="up"
type="vcloud:org"
name="Default"
id="urn:vcloud:org:70" />
<vmext:EntityLink
rel="task"
type="vcloud:task"
name="vdcComposeVapp"
id="urn:vcloud:task:34" />
<vmext:EntityLink
rel="task:owner"
type="vcloud:vapp"
id="urn:vcloud:vapp:26" />
<vmext:Timestamp>2011-06-18T14:33:27.787+03:00</vmext:Timestamp>
<vmext:OperationSuccess>true</vmext:OperationSuccess>
</vmext:Notification>`;

/**
 * The guide's JSON example (page 314). The guide prints it without the comma after `"entity"`'s
 * value (a typo: that text is no JSON); here with it.
 */
export const GUIDE_JSON = `{
"eventId" : "a1440dd8-60ae-46c7-b216-44693bc00c90",
"type" : "com/vmware/vcloud/event/blockingtask/create",
"timestamp" : "2011-06-18T14:33:27.787+03:00",
"operationSuccess" : true,
"user" : "urn:vcloud:user:44",
"org" : "urn:vcloud:org:70",
"entity" : "urn:vcloud:blockingTask:25",
"task" : "urn:vcloud:task:34",
"taskOwner" : "urn:vcloud:vapp:26"
}`;
