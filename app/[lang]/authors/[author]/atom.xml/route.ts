import { authorFeedRoute } from '@/app/_routes/authorRoutes';

export const GET = authorFeedRoute('atom.xml');
