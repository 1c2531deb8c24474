export async function measureScale(..._args: unknown[]): Promise<never[]> { return []; }
