export const dynamic = 'force-dynamic';

export default function Home() {
  return <h1>Served by the Next.js standalone server</h1>;
}
