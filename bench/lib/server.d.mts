/** Types of server.mjs for the browser tests, which measure the server's memory with it. */
export declare function rssMb(pid: number): number;
