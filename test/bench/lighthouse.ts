export async function measureLighthouse(..._args: unknown[]): Promise<never[]> { return []; }
